/**
 * Loaded with `node --import` into the headless host and (through NODE_OPTIONS) its engine process by the
 * privacy test: records every outgoing connection, DNS lookup and listening socket that is not on the loopback
 * interface to the file ATTUNE_NET_LOG names, one JSON line each. It blocks nothing; the test reads the file.
 */
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const logFile = process.env.ATTUNE_NET_LOG;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const record = (what, detail) => {
  if (logFile) appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, what, detail })}\n`);
};

// Proof for the test that the guard runs in this process at all.
record('loaded', process.argv.slice(1).join(' '));

// net.connect(options | port[, host] | path): IPC paths (unix sockets, pipes) stay on the machine.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (options.path === undefined) {
    const host = typeof options.host === 'string' ? options.host : 'localhost';
    if (!LOOPBACK.has(host)) record('connect', `${host}:${String(options.port)}`);
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!LOOPBACK.has(hostname)) record('lookup', hostname);
  return lookup.call(this, hostname, ...rest);
};

// A server must never listen beyond this machine.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(...args) {
  const first = args[0];
  const host =
    typeof first === 'object' && first !== null ? first.host : typeof args[1] === 'string' ? args[1] : undefined;
  const path = typeof first === 'object' && first !== null ? first.path : typeof first === 'string' ? first : undefined;
  if (path === undefined && (host === undefined || !LOOPBACK.has(host)))
    record('listen', String(host ?? 'all interfaces'));
  return listen.apply(this, args);
};
