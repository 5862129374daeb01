/**
 * The panel's settings (Settings > nbdatachat) and their defaults, in one module so the
 * panel and its parts (the data picker) read the same type without importing each other.
 */

export interface IPanelSettings {
  serverUrl: string;
  serverApiKey: string;
  useServer: boolean;
  maxRows: number;
  showChart: boolean;
  insertAs: 'code' | 'magic';
  interruptOnCancel: boolean;
  historyLimit: number;
}

export const DEFAULT_SETTINGS: IPanelSettings = {
  serverUrl: '',
  serverApiKey: '',
  useServer: true,
  maxRows: 10,
  showChart: true,
  insertAs: 'code',
  interruptOnCancel: true,
  historyLimit: 50
};
