/**
 * nbdatachat's JupyterLab extension: a chat side panel about the active notebook's
 * DataFrames and the nbdatachat server's datasets.
 */

import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { INotebookTracker, NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { LabIcon } from '@jupyterlab/ui-components';

import { serverBaseUrl } from './logic';
import { ChatPanel, DEFAULT_SETTINGS, IPanelSettings } from './panel';
import { ServerSource } from './sources';

const PLUGIN_ID = 'nbdatachat:plugin';

export namespace CommandIDs {
  export const open = 'nbdatachat:open';
  export const clear = 'nbdatachat:clear';
}

const chatIcon = new LabIcon({
  name: 'nbdatachat:chat',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16">' +
    '<path class="jp-icon3" fill="#616161" d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V5' +
    'a2 2 0 0 1 2-2zm3 9h2v3H7zm4-4h2v7h-2zm4 2h2v5h-2z"/></svg>'
});

function readSettings(settings: ISettingRegistry.ISettings | null): IPanelSettings {
  if (!settings) {
    return { ...DEFAULT_SETTINGS };
  }
  const c = settings.composite as Partial<IPanelSettings>;
  return { ...DEFAULT_SETTINGS, ...c };
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Chat with the notebook’s DataFrames and the nbdatachat server’s datasets.',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry],
  optional: [ILabShell, ICommandPalette, ISettingRegistry, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    registry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null
  ) => {
    const jupyterBase = PageConfig.getBaseUrl();
    const panel = new ChatPanel(
      rendermime,
      s => new ServerSource(serverBaseUrl(s.serverUrl, jupyterBase), s.serverApiKey)
    );
    panel.title.icon = chatIcon;
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, 'nbdatachat-panel');

    const follow = (nb: NotebookPanel | null) => {
      if (nb) {
        void nb.sessionContext.ready.then(() => panel.setNotebook(nb)).catch(() => undefined);
      }
      panel.setNotebook(nb);
    };
    tracker.currentChanged.connect((_, nb) => follow(nb));
    follow(tracker.currentWidget);
    // New DataFrames appear after cells run, and a new kernel has none: list them again.
    NotebookActions.executed.connect((_, { notebook }) => {
      if (panel.currentNotebook?.content === notebook && panel.isVisible) {
        void panel.refresh();
      }
    });
    tracker.widgetAdded.connect((_, nb) => {
      nb.sessionContext.kernelChanged.connect(() => {
        if (panel.currentNotebook === nb) {
          void panel.refresh();
        }
      });
    });

    app.commands.addCommand(CommandIDs.open, {
      label: 'Open the nbdatachat chat panel',
      caption: 'Chat with your data: ask questions about the notebook’s DataFrames',
      icon: chatIcon,
      execute: () => {
        if (labShell) {
          labShell.activateById(panel.id);
        } else {
          app.shell.activateById(panel.id);
        }
        void panel.refresh();
      }
    });
    app.commands.addCommand(CommandIDs.clear, {
      label: 'Clear the nbdatachat conversation of this notebook',
      execute: () => panel.clear()
    });
    palette?.addItem({ command: CommandIDs.open, category: 'nbdatachat' });
    palette?.addItem({ command: CommandIDs.clear, category: 'nbdatachat' });

    if (registry) {
      registry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            panel.settings = readSettings(settings);
            void panel.refresh(true);
          };
          settings.changed.connect(apply);
          apply();
        })
        .catch(err => console.warn('nbdatachat: settings not loaded, using defaults', err));
    }
  }
};

export default plugin;
