/**
 * The preload of every Attune window (sandboxed, context-isolated). It exposes exactly one object,
 * `window.attune`, built from the contract; never ipcRenderer, shell or remote.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, relayCapturePort } from './bridge';

contextBridge.exposeInMainWorld('attune', buildBridge(ipcRenderer));
relayCapturePort(ipcRenderer, window);
