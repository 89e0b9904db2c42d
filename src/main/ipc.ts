/**
 * The Electron transport of the renderer contract: one `ipcMain.handle` per API method, each going
 * through dispatchApi (validation + envelope), and events pushed to every live window.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  API_METHODS,
  apiChannel,
  eventChannel,
  type ApiEvent,
  type ApiHandlers,
  type AttuneEvents,
} from '../shared/api';
import { dispatchApi } from '../app/api-dispatch';
import { fail, type Envelope } from '../shared/envelope';
import type { Logger } from './logger';

/** Registers a handler per API method; returns a function that removes them. */
export function registerIpc(service: ApiHandlers, isOurPage: (url: string) => boolean, logger: Logger): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(apiChannel(method), (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, isOurPage)) {
        logger.warn(`refused ${method} from ${event.senderFrame?.url ?? 'a detached frame'}`);
        return Promise.resolve(fail('unauthorized', 'Only Attune pages may call the app.'));
      }
      return dispatchApi(service, method, args);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(apiChannel(method));
  };
}

/** The caller must be the top frame of one of our pages; a frame that navigated away or died is refused. */
function isTrustedSender(event: IpcMainInvokeEvent, isOurPage: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOurPage(frame.url);
}

export type Emit = <E extends ApiEvent>(event: E, payload: AttuneEvents[E]) => void;

const allWindowContents = (): WebContents[] =>
  BrowserWindow.getAllWindows()
    .filter((win) => !win.isDestroyed())
    .map((win) => win.webContents);

/** Sends an event to every live window (by default: all of Electron's windows). */
export function createBroadcaster(targets: () => WebContents[] = allWindowContents): Emit {
  return (event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
    }
  };
}
