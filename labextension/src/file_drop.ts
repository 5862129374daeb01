/**
 * Dropping a data file on the panel: the file is saved next to the notebook and read into a
 * DataFrame in its kernel (nbdatachat.jupyter.lab_bridge.load_file), which is then picked.
 */

import { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';

import { message } from './entry';
import { IStoredChat, sourceValue } from './logic';
import { KernelSource } from './sources';

const DATA_FILES = /\.(csv|tsv|txt|parquet)$/i;

/** What loading a dropped file needs from the panel. */
export interface IFileDropHost {
  notebook(): NotebookPanel | null;
  chat(): IStoredChat;
  kernel(): KernelSource;
  save(): void;
  refresh(): Promise<void>;
  showNotice(text: string): void;
}

/** Call ``onFiles`` with the files dropped on ``node`` (marked while files are over it). */
export function listenForDrops(node: HTMLElement, onFiles: (files: File[]) => void): void {
  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  node.addEventListener('dragover', e => {
    if (hasFiles(e)) {
      e.preventDefault();
      e.stopPropagation();
      node.classList.add('nbdc-mod-drop');
    }
  });
  node.addEventListener('dragleave', e => {
    if (e.target === node) {
      node.classList.remove('nbdc-mod-drop');
    }
  });
  node.addEventListener('drop', e => {
    node.classList.remove('nbdc-mod-drop');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    onFiles(files);
  });
}

/** Save dropped CSV/Parquet files next to the notebook and read each into a DataFrame. */
export async function loadFiles(
  files: File[],
  contents: Contents.IManager | null,
  host: IFileDropHost
): Promise<void> {
  const notebook = host.notebook();
  const wanted = files.filter(f => DATA_FILES.test(f.name));
  if (!notebook || !contents || !wanted.length) {
    host.showNotice(!notebook ? 'Open a notebook first: the file is loaded into its kernel.'
                              : 'Drop a .csv, .tsv or .parquet file to load it.');
    return;
  }
  const folder = notebook.context.path.includes('/')
    ? notebook.context.path.slice(0, notebook.context.path.lastIndexOf('/')) : '';
  for (const file of wanted) {
    try {
      host.showNotice(`Loading ${file.name}…`);
      const content = await readBase64(file);
      const path = folder ? `${folder}/${file.name}` : file.name;
      await contents.save(path, { type: 'file', format: 'base64', content });
      const frame = await host.kernel().loadFile(file.name).promise;
      host.chat().selected = sourceValue('kernel', frame.name);
      host.save();
      await host.refresh();
      host.showNotice(`Loaded ${file.name} as ${frame.name} (${frame.rows.toLocaleString('en-US')} ` +
                      `rows × ${frame.columns.length} columns): ask about it below.`);
    } catch (err) {
      host.showNotice(`Could not load ${file.name}: ${message(err)}`);
    }
  }
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
