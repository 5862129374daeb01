/**
 * nbdatachat's charts in notebook outputs, in JupyterLab's theme.
 *
 * The kernel's chart output (nbdatachat.display.figure_bundle) carries the Plotly figure
 * under Plotly's mimetype and a small marker under ``CHART_MIME``. Where this extension is
 * installed, the marker's renderer wins (a better rank than Plotly's) and draws the bundle's
 * Plotly figure with the panel's chart style: the theme's text colour and grid, transparent
 * background; it draws again when the theme changes. Anywhere else (Notebook without the
 * extension, nbviewer, VS Code) Plotly's renderer draws the figure's own neutral style.
 */

import { IThemeManager } from '@jupyterlab/apputils';
import { IRenderMime, IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, Widget } from '@lumino/widgets';

import { IFigure, PLOTLY_MIME, themeColors, themedFigure } from './charts';

export const CHART_MIME = 'application/vnd.nbdatachat.chart+json';

/** Better (lower) than the rank Plotly's renderer registers with (2). */
export const CHART_RANK = 1;

/** A notebook output of an nbdatachat chart, drawn in the current theme. */
export class ThemedChartOutput extends Panel implements IRenderMime.IRenderer {
  constructor(
    private readonly rendermime: IRenderMimeRegistry,
    themes: IThemeManager | null
  ) {
    super();
    this.addClass('nbdc-chart-output');
    themes?.themeChanged.connect(this.onTheme, this);
  }

  private model: IRenderMime.IMimeModel | null = null;

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.model = model;
    await this.draw();
  }

  dispose(): void {
    this.model = null;
    super.dispose();
  }

  private onTheme(): void {
    if (this.model && !this.isDisposed) {
      // the new theme's CSS variables apply on the next frame
      requestAnimationFrame(() => void this.draw());
    }
  }

  private async draw(): Promise<void> {
    const model = this.model;
    if (!model) {
      return;
    }
    const figure = model.data[PLOTLY_MIME] as unknown as IFigure | undefined;
    while (this.widgets.length) {
      this.widgets[0].dispose();
    }
    if (!figure || !this.rendermime.mimeTypes.includes(PLOTLY_MIME)) {
      const note = new Widget();
      note.node.className = 'nbdc-meta';
      note.node.textContent = figure
        ? 'Install plotly in JupyterLab’s environment to see this chart.'
        : 'This nbdatachat output has no chart data.';
      this.addWidget(note);
      return;
    }
    const themed = themedFigure(figure, themeColors(getComputedStyle(document.body)));
    const renderer = this.rendermime.createRenderer(PLOTLY_MIME);
    this.addWidget(renderer);
    await renderer.renderModel(
      new MimeModel({ data: { [PLOTLY_MIME]: themed as any }, trusted: model.trusted })
    );
  }
}
