/**
 * Where answers come from: the notebook's kernel (its DataFrames) and the nbdatachat server
 * (its datasets). Both return the same answer shape so the panel renders them alike.
 */

import { URLExt } from '@jupyterlab/coreutils';
import { Kernel, KernelMessage, ServerConnection } from '@jupyterlab/services';

import { IStep, stepOf } from './progress';
import {
  bridgeExpression,
  IAnswer,
  joinUrl,
  PanelError,
  readBridgeReply,
  serverReplyToAnswer
} from './logic';

export interface IFrameInfo {
  name: string;
  rows: number;
  columns: string[];
}

export interface IKernelData {
  dataframes: IFrameInfo[];
  datasets: string[];
  version: string;
  /** The kernel process: a new one means a restart (its DataFrames are gone). */
  pid?: number;
}

/** A request that can be cancelled: ``promise`` rejects with a cancelled PanelError.
 * ``started`` resolves when the kernel begins working on it (it may first finish a cell). */
export interface IRunning<T> {
  promise: Promise<T>;
  cancel: (interrupt: boolean) => void;
  started?: Promise<void>;
}

function cancelled(): PanelError {
  return new PanelError('Cancelled.', 'CANCELLED');
}

/** Calls the kernel bridge through ``user_expressions``: nothing shows in the notebook. */
export class KernelSource {
  constructor(private readonly kernel: Kernel.IKernelConnection | null | undefined) {}

  private check(): Kernel.IKernelConnection {
    const kernel = this.kernel;
    if (!kernel) {
      throw new PanelError(
        'This notebook has no kernel. Pick one with Kernel > Change Kernel, then try again.',
        'NO_KERNEL'
      );
    }
    if (kernel.isDisposed || kernel.status === 'dead') {
      throw new PanelError(
        "The notebook's kernel is dead. Restart it with Kernel > Restart Kernel, run the " +
          'cells that load your data, then ask again.',
        'KERNEL_DEAD'
      );
    }
    return kernel;
  }

  /**
   * Run ``fn`` of the kernel bridge. ``onStep`` hears each step the kernel publishes while
   * it works. ``cancel(true)`` interrupts the kernel while it works on this request (the
   * work stops there and nothing is recorded).
   *
   * A request sent while a cell runs waits in the kernel's queue, and the panel cannot reach
   * the kernel until the cell ends. With ``confirm`` the bridge first asks, on this request's
   * stdin channel, whether to start (lab_bridge.confirm_start): after Stop the answer is
   * ``stop`` and the kernel does nothing, so the user's cell is never interrupted and no
   * interrupt races the kernel starting on the question. Once the answer was ``go`` the
   * kernel is on this request and Stop interrupts it. Without ``confirm`` a request stopped
   * while queued is interrupted when the kernel says it is busy with it.
   */
  call<T>(
    fn: string,
    args: Record<string, unknown>,
    onStep?: (step: IStep) => void,
    confirm = false
  ): IRunning<T> {
    let settle: ((e: PanelError) => void) | null = null;
    let markStarted: () => void = () => undefined;
    let stopped = false; // Stop was pressed
    let working = false; // the kernel is on this request (busy; with confirm: told to go)
    let finished = false; // its reply came
    let interruptWhenStarted = false;
    const started = new Promise<void>(resolve => (markStarted = resolve));
    let future: Kernel.IShellFuture<
      KernelMessage.IExecuteRequestMsg,
      KernelMessage.IExecuteReplyMsg
    > | null = null;
    let kernel: Kernel.IKernelConnection | null = null;
    let stop: (interrupt: boolean) => void = () => undefined;
    const promise = new Promise<T>((resolve, reject) => {
      settle = reject;
      try {
        kernel = this.check();
        const expression = bridgeExpression(fn, confirm ? { ...args, confirm: true } : args);
        const request = kernel.requestExecute(
          {
            code: '',
            silent: true,
            store_history: false,
            allow_stdin: confirm,
            stop_on_error: false,
            user_expressions: { nbdatachat: expression }
          },
          true
        );
        future = request;
        // The kernel says "busy" for this request when it starts on it: until then a cell is
        // running and the panel says it is waiting for the kernel, not answering.
        const interrupt = () => {
          if (!finished && kernel && !kernel.isDisposed) {
            kernel.interrupt().catch(() => undefined);
          }
        };
        request.onIOPub = msg => {
          const type = msg.header.msg_type;
          if (type === 'status' && (msg.content as any).execution_state === 'busy') {
            markStarted();
            if (!confirm) {
              working = true;
              if (interruptWhenStarted) {
                interrupt();
              }
            }
          } else if (type === 'display_data' && onStep && !stopped) {
            const step = stepOf((msg.content as any).data);
            if (step) {
              onStep(step);
            }
          }
        };
        // The bridge's "may I start?" (confirm): answered at once, in this message's handler.
        request.onStdin = msg => {
          if (msg.header.msg_type === 'input_request') {
            working = !stopped;
            request.sendInputReply(
              { status: 'ok', value: stopped ? 'stop' : 'go' },
              msg.header as KernelMessage.IInputReplyMsg['parent_header']
            );
          }
        };
        stop = (interruptKernel: boolean) => {
          stopped = true;
          if (!interruptKernel) {
            if (!confirm) {
              future?.dispose();
            } // with confirm the future stays to answer the bridge's question: "stop"
          } else if (working) {
            interrupt();
          } else if (!confirm) {
            interruptWhenStarted = true;
          } // with confirm the bridge asks before it starts and is told "stop"
        };
        const onStatus = (_: unknown, status: Kernel.Status) => {
          if (status === 'dead' || status === 'autorestarting') {
            reject(
              new PanelError(
                `The kernel ${status === 'dead' ? 'died' : 'restarted'} while answering. ` +
                  'Restart it if needed, rerun the cells that load your data, and ask again.',
                'KERNEL_DEAD'
              )
            );
          }
        };
        kernel.statusChanged.connect(onStatus);
        request.done
          .then(reply => {
            const content: any = reply?.content;
            if (content?.status !== 'ok') {
              throw new PanelError(
                `The kernel could not run the request (${content?.ename ?? content?.status}).` +
                  ' It may have been interrupted.',
                'KERNEL_ERROR'
              );
            }
            resolve(readBridgeReply(content.user_expressions?.nbdatachat) as T);
          })
          .catch(err =>
            reject(
              err instanceof PanelError
                ? err
                : new PanelError(
                    `The kernel did not answer: ${err?.message ?? err}. Is it running?`,
                    'KERNEL_ERROR'
                  )
            )
          )
          .finally(() => {
            finished = true;
            if (kernel && !kernel.isDisposed) {
              kernel.statusChanged.disconnect(onStatus);
            }
          });
      } catch (err) {
        reject(err);
      }
    });
    promise.then(markStarted, markStarted);
    return {
      promise,
      started,
      cancel: (interrupt: boolean) => {
        settle?.(cancelled());
        try {
          stop(interrupt);
        } catch {
          /* already done */
        }
      }
    };
  }

  listData(): IRunning<IKernelData> {
    return this.call<IKernelData>('list_data', {});
  }

  ask(
    data: string,
    question: string,
    conversation?: string | null,
    onStep?: (step: IStep) => void
  ): IRunning<IAnswer> {
    return this.call<IAnswer>(
      'ask',
      { data, question, conversation: conversation ?? null },
      onStep,
      true
    );
  }

  suggest(data: string): IRunning<{ questions: string[] }> {
    return this.call('suggest', { data });
  }

  loadFile(path: string): IRunning<IFrameInfo> {
    return this.call('load_file', { path });
  }

  /** The chart of a stored answer, drawn again from its plan (charts are not stored). */
  redraw(data: string, question: string, plan: unknown): IRunning<{ chart: IAnswer['chart'] }> {
    return this.call('redraw', { data, question, plan });
  }
}

/** The nbdatachat REST server (the jupyter-server-proxy entry, or any URL in the settings). */
export class ServerSource {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  /** Same-origin URLs under Jupyter's base go through Jupyter's auth; others are plain. */
  private get throughJupyter(): boolean {
    const jupyter = URLExt.parse(this.settings.baseUrl);
    const mine = URLExt.parse(new URL(this.baseUrl, window.location.href).href);
    return mine.host === jupyter.host && mine.pathname.startsWith(jupyter.pathname);
  }

  private request(path: string, init: RequestInit, signal: AbortSignal): Promise<any> {
    const url = joinUrl(this.baseUrl, path);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.apiKey) {
      headers['X-API-Key'] = this.apiKey;
    }
    const request = this.throughJupyter
      ? ServerConnection.makeRequest(url, { ...init, headers, signal }, this.settings)
      : fetch(url, { ...init, headers, signal });
    return request
      .catch((err: any) => {
        if (signal.aborted) {
          throw cancelled();
        }
        throw new PanelError(
          `The nbdatachat server at ${this.baseUrl} is not reachable (${err?.message ?? err}).` +
            ' Start it with "nbdatachat serve" or set its URL in Settings > nbdatachat.',
          'SERVER_DOWN'
        );
      })
      .then(async (response: Response) => {
        const text = await response.text();
        let body: any = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = null;
        }
        if (!response.ok) {
          const message = body?.error?.message;
          if (message) {
            throw new PanelError(String(message), String(body.error.code ?? response.status));
          }
          throw new PanelError(
            `The nbdatachat server at ${this.baseUrl} answered HTTP ${response.status}` +
              (response.status === 404
                ? ': it is not running there. Install jupyter-server-proxy, or run ' +
                  '"nbdatachat serve" and set its URL in Settings > nbdatachat.'
                : '.'),
            'SERVER_DOWN'
          );
        }
        if (body === null) {
          throw new PanelError(`The server at ${this.baseUrl} did not send JSON.`, 'SERVER_DOWN');
        }
        return body;
      });
  }

  private run<T>(make: (signal: AbortSignal) => Promise<T>): IRunning<T> {
    const controller = new AbortController();
    return { promise: make(controller.signal), cancel: () => controller.abort() };
  }

  listDatasets(): IRunning<string[]> {
    return this.run(signal =>
      this.request('api/v1/datasets', { method: 'GET' }, signal).then(body =>
        (Array.isArray(body?.datasets) ? body.datasets : [])
          .map((d: any) => (typeof d === 'string' ? d : d?.name))
          .filter((n: unknown) => typeof n === 'string')
      )
    );
  }

  ask(dataset: string, question: string, conversation?: string | null): IRunning<IAnswer> {
    return this.run(signal =>
      this.request(
        'api/v1/analytics/chat',
        {
          method: 'POST',
          body: JSON.stringify({
            query: question,
            collectionIds: [dataset],
            ...(conversation ? { conversationId: conversation } : {})
          })
        },
        signal
      ).then(body => serverReplyToAnswer(body, dataset, question))
    );
  }
}
