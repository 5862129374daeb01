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
import { ICommandPalette, IThemeManager } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { ILauncher } from '@jupyterlab/launcher';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { INotebookTracker, NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { LabIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

import { CHART_MIME, CHART_RANK, ThemedChartOutput } from './chart_output';
import { serverBaseUrl } from './logic';
import { ChatPanel } from './panel';
import { DEFAULT_SETTINGS, IPanelSettings } from './settings';
import { ServerSource } from './sources';

const PLUGIN_ID = 'nbdatachat:plugin';
/** What ``%nbdatachat panel`` displays: rendered by running the command it names. */
export const COMMAND_MIME = 'application/vnd.nbdatachat.command+json';
/** Notebooks (by path) whose ``open_panel`` metadata already opened the panel once. */
const OPENED_KEY = 'nbdatachat:opened-for';

export namespace CommandIDs {
  export const open = 'nbdatachat:open';
  export const focus = 'nbdatachat:focus-input';
  export const clear = 'nbdatachat:clear';
  export const exportCells = 'nbdatachat:export';
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
  optional: [ILabShell, ICommandPalette, ISettingRegistry, ILayoutRestorer, ILauncher, IMainMenu,
             IThemeManager],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    registry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    launcher: ILauncher | null,
    mainMenu: IMainMenu | null,
    themes: IThemeManager | null
  ) => {
    const jupyterBase = PageConfig.getBaseUrl();
    const panel = new ChatPanel(
      rendermime,
      s => new ServerSource(serverBaseUrl(s.serverUrl, jupyterBase), s.serverApiKey),
      app.serviceManager.contents
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

    const open = () => {
      if (labShell) {
        labShell.activateById(panel.id);
      } else {
        app.shell.activateById(panel.id);
      }
      void panel.refresh();
    };
    app.commands.addCommand(CommandIDs.open, {
      label: args => (args.isLauncher ? 'Chat with your data' : 'nbdatachat chat panel'),
      caption: 'Chat with your data: ask questions about the notebook’s DataFrames',
      icon: chatIcon,
      execute: open
    });
    app.commands.addCommand(CommandIDs.focus, {
      label: 'Ask nbdatachat a question (focus the chat input)',
      icon: chatIcon,
      execute: () => {
        open();
        panel.focusInput();
      }
    });
    app.commands.addCommand(CommandIDs.clear, {
      label: 'Clear the nbdatachat conversation of this notebook',
      execute: () => panel.clear()
    });
    app.commands.addCommand(CommandIDs.exportCells, {
      label: 'Export the nbdatachat conversation to notebook cells',
      execute: () => panel.exportToNotebook()
    });
    for (const command of [CommandIDs.open, CommandIDs.focus, CommandIDs.clear,
                           CommandIDs.exportCells]) {
      palette?.addItem({ command, category: 'nbdatachat' });
    }
    launcher?.add({ command: CommandIDs.open, category: 'Notebook', rank: 50,
                    args: { isLauncher: true } });
    mainMenu?.viewMenu.addGroup([{ command: CommandIDs.open }, { command: CommandIDs.focus }], 60);
    themes?.themeChanged.connect(() => panel.rerender());

    // nbdatachat's charts in notebook outputs follow the theme (see chart_output.ts).
    rendermime.addFactory(
      {
        safe: true,
        mimeTypes: [CHART_MIME],
        defaultRank: CHART_RANK,
        createRenderer: () => new ThemedChartOutput(rendermime, themes)
      },
      CHART_RANK
    );

    // ``%nbdatachat panel`` in a cell: open the panel when the output is new (not when a
    // saved notebook shows it again).
    rendermime.addFactory(
      {
        safe: true,
        mimeTypes: [COMMAND_MIME],
        defaultRank: 10,
        createRenderer: () => new CommandOutput(app, open)
      },
      10
    );

    // The demo notebooks ask for the panel (metadata ``nbdatachat.open_panel``): opened the
    // first time such a notebook is opened in this browser.
    tracker.widgetAdded.connect((_, nb) => {
      void nb.context.ready.then(() => {
        const meta = nb.model?.getMetadata('nbdatachat') as { open_panel?: boolean } | undefined;
        if (!meta?.open_panel) {
          return;
        }
        let opened: string[] = [];
        try {
          opened = JSON.parse(window.localStorage.getItem(OPENED_KEY) ?? '[]');
        } catch {
          opened = [];
        }
        if (!opened.includes(nb.context.path)) {
          open();
          try {
            window.localStorage.setItem(OPENED_KEY, JSON.stringify([...opened, nb.context.path]));
          } catch {
            /* storage full or off: the panel opens again next time */
          }
        }
      });
    });

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

/** The output of ``%nbdatachat panel``: runs its command once, when freshly issued. */
class CommandOutput extends Widget {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly openPanel: () => void
  ) {
    super();
    this.addClass('nbdc-command-output');
  }

  async renderModel(model: { data: Record<string, unknown> }): Promise<void> {
    const payload = (model.data[COMMAND_MIME] ?? {}) as { command?: string; issued?: number };
    const fresh = typeof payload.issued === 'number' &&
      Math.abs(Date.now() / 1000 - payload.issued) < 120;
    if (fresh && payload.command === CommandIDs.open) {
      this.openPanel();
    } else if (fresh && payload.command && this.app.commands.hasCommand(payload.command) &&
               payload.command.startsWith('nbdatachat:')) {
      await this.app.commands.execute(payload.command);
    }
    this.node.textContent = 'The nbdatachat chat panel is in the right sidebar (the chat icon); ' +
      'Ctrl+Shift+; puts the cursor in its question box.';
  }
}

export default plugin;
