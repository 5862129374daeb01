/**
 * The running question: its streamed steps (reading the question, asking the model, running
 * the query or a tool's stages), the time it has taken, and the Stop button.
 *
 * The kernel publishes each step as ``display_data`` of ``PROGRESS_MIME`` on the panel's own
 * request (nbdatachat.tools.progress, nbdatachat.jupyter.lab_bridge); no output area shows
 * them. ``stepOf`` is pure so jest tests it; ``RunProgress`` is the DOM part.
 */

import { formatElapsed } from './format';

export const PROGRESS_MIME = 'application/vnd.nbdatachat.progress+json';

/** Steps listed under the running question (the newest ones). */
export const SHOWN_STEPS = 6;

export interface IStep {
  message: string;
  /** 0-1 through the current stage, when the step knows. */
  fraction: number | null;
  /** Since the question started in the kernel. */
  elapsed_ms: number;
}

/** The step in a ``display_data`` message's data bundle, or null if it carries none. */
export function stepOf(data: unknown): IStep | null {
  const raw = (data as Record<string, unknown> | null | undefined)?.[PROGRESS_MIME] as any;
  if (!raw || typeof raw !== 'object' || typeof raw.message !== 'string' || !raw.message) {
    return null;
  }
  const fraction = typeof raw.fraction === 'number' && isFinite(raw.fraction)
    ? Math.min(1, Math.max(0, raw.fraction)) : null;
  const elapsed = typeof raw.elapsed_ms === 'number' && isFinite(raw.elapsed_ms) ? raw.elapsed_ms : 0;
  return { message: raw.message.slice(0, 300), fraction, elapsed_ms: elapsed };
}

/**
 * Add ``step`` to ``steps``: a repeated message (a fraction moving, a stream growing) updates
 * the last line instead of adding one; at most ``keep`` lines stay.
 */
export function addStep(steps: IStep[], step: IStep, keep = SHOWN_STEPS): IStep[] {
  const last = steps[steps.length - 1];
  const sameStage = last && stageOf(last.message) === stageOf(step.message);
  const out = sameStage ? [...steps.slice(0, -1), step] : [...steps, step];
  return out.slice(-keep);
}

/** A message without its counters ("… 1,200 characters so far" and "… 1,500 …" are one). */
function stageOf(message: string): string {
  return message.replace(/[\d,.]+/g, '#');
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const n = document.createElement(tag);
  n.className = className;
  n.textContent = text;
  return n;
}

/** The bar above the question box while a question runs: steps, time, Stop. */
export class RunProgress {
  readonly node: HTMLDivElement;
  private readonly text: HTMLSpanElement;
  private readonly list: HTMLOListElement;
  private readonly bar: HTMLProgressElement;
  readonly stopButton: HTMLButtonElement;
  private steps: IStep[] = [];
  private timer = 0;

  constructor(onStop: () => void) {
    this.node = node('div', 'nbdc-progress');
    this.node.setAttribute('role', 'status');
    this.node.setAttribute('aria-live', 'polite');
    const line = node('div', 'nbdc-progress-line');
    this.text = node('span', 'nbdc-progress-text');
    this.stopButton = node('button', 'nbdc-stop nbdc-cancel jp-mod-styled jp-mod-warn', 'Stop');
    this.stopButton.title = 'Stop this question: the kernel (or server) stops working on it ' +
      'and nothing is added to the conversation';
    this.stopButton.addEventListener('click', onStop);
    line.append(node('span', 'nbdc-spinner', ''), this.text, this.stopButton);
    this.bar = node('progress', 'nbdc-progress-bar');
    this.bar.max = 1;
    this.bar.hidden = true;
    this.list = node('ol', 'nbdc-steps');
    this.node.append(line, this.bar, this.list);
    this.node.hidden = true;
  }

  /** Show the bar for ``question``; ``elapsed`` is the time answering so far, or null while
   * the kernel still finishes a running cell. */
  start(question: string, elapsed: () => number | null): void {
    this.finish();
    this.steps = [];
    this.list.textContent = '';
    this.bar.hidden = true;
    this.stopButton.disabled = false;
    const tick = () => {
      const ms = elapsed();
      if (ms === null) {
        this.text.textContent = 'Waiting for the kernel: a cell is running…';
      } else {
        const last = this.steps[this.steps.length - 1];
        this.text.textContent = `${last ? last.message : `Answering “${question}”`} … ${formatElapsed(ms)}`;
      }
    };
    tick();
    this.timer = window.setInterval(tick, 100);
    this.node.hidden = false;
  }

  /** A step streamed from the kernel: listed, and the bar shows its fraction when known. */
  add(step: IStep): void {
    this.steps = addStep(this.steps, step);
    this.list.textContent = '';
    for (const [i, s] of this.steps.entries()) {
      const item = node('li', i === this.steps.length - 1 ? 'nbdc-step nbdc-mod-current' : 'nbdc-step',
                        s.message);
      this.list.append(item);
    }
    this.bar.hidden = step.fraction === null;
    if (step.fraction !== null) {
      this.bar.value = step.fraction;
    }
  }

  /** The last step seen (said on a stopped question: where it stopped). */
  get lastStep(): string | null {
    return this.steps.length ? this.steps[this.steps.length - 1].message : null;
  }

  finish(): void {
    if (this.timer) {
      window.clearInterval(this.timer);
      this.timer = 0;
    }
    this.node.hidden = true;
  }
}
