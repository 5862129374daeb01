import { addStep, IStep, PROGRESS_MIME, stepOf } from '../src/progress';

const step = (message: string, fraction: number | null = null): IStep => ({
  message,
  fraction,
  elapsed_ms: 0
});

describe('streamed steps (nbdatachat.tools.progress through the kernel bridge)', () => {
  it('reads a step from a display_data bundle and ignores other outputs', () => {
    expect(stepOf({ [PROGRESS_MIME]: { message: 'Reading the question', fraction: null, elapsed_ms: 3.5 } }))
      .toEqual({ message: 'Reading the question', fraction: null, elapsed_ms: 3.5 });
    expect(stepOf({ 'text/plain': 'hello' })).toBeNull();
    expect(stepOf({ [PROGRESS_MIME]: { message: '' } })).toBeNull();
    expect(stepOf({ [PROGRESS_MIME]: 'not an object' })).toBeNull();
    expect(stepOf(null)).toBeNull();
  });

  it('clamps the fraction and bounds the message', () => {
    expect(stepOf({ [PROGRESS_MIME]: { message: 'fit', fraction: 7 } })!.fraction).toBe(1);
    expect(stepOf({ [PROGRESS_MIME]: { message: 'fit', fraction: 'half' } })!.fraction).toBeNull();
    expect(stepOf({ [PROGRESS_MIME]: { message: 'x'.repeat(1000) } })!.message.length).toBe(300);
  });

  it('updates a repeated stage in place and keeps the newest steps', () => {
    let steps: IStep[] = [];
    steps = addStep(steps, step('Reading the question'));
    steps = addStep(steps, step('The model is writing the plan: 120 characters so far'));
    steps = addStep(steps, step('The model is writing the plan: 1,480 characters so far'));
    expect(steps.map(s => s.message)).toEqual([
      'Reading the question',
      'The model is writing the plan: 1,480 characters so far'
    ]);
    steps = addStep(steps, step('Fitting k = 3', 0.2));
    steps = addStep(steps, step('Fitting k = 4', 0.4));
    expect(steps.map(s => s.message).slice(-1)).toEqual(['Fitting k = 4']);
    for (let i = 0; i < 20; i++) {
      steps = addStep(steps, step(`stage ${'abcdefghijklmnopqrstuvwxyz'[i]}`), 6);
    }
    expect(steps).toHaveLength(6);
    expect(steps[5].message).toBe('stage t');
  });
});
