// "Soften my assistant's tone": follows Attune's local mood feed and says how a reply would be phrased.
// Usage: ATTUNE_FEED_URL=http://127.0.0.1:PORT/v1/mood ATTUNE_FEED_TOKEN=... node examples/mood-feed-client.mjs
// Node 20+, no packages. See docs/mood-feed.md for the contract.
const base = process.env.ATTUNE_FEED_URL ?? 'http://127.0.0.1:8765/v1/mood';
const headers = { Authorization: `Bearer ${process.env.ATTUNE_FEED_TOKEN ?? ''}` };
const tone = (m) =>
  m.paused
    ? 'Attune is paused: use your usual tone.'
    : m.waiting || m.label === 'unknown' || m.confidence < 0.3
      ? 'No clear mood: use your usual tone.'
      : m.valence < -0.2
        ? 'Soften: short sentences, acknowledge how things are, offer help.'
        : m.arousal > 0.5
          ? 'Keep it brief and calm.'
          : 'Warm and upbeat is fine.';
const show = (m) => console.log(`mood: ${m.paused ? 'paused' : (m.label ?? 'none yet')} -> ${tone(m)}`);

const now = await fetch(base, { headers });
if (now.status === 401) process.exit((console.log('access revoked (401)'), 2));
show(await now.json());

let lastId, lastLabel;
for (;;) {
  const res = await fetch(`${base}/stream`, {
    headers: lastId ? { ...headers, 'Last-Event-ID': lastId } : headers,
  }).catch(() => null);
  if (res?.status === 401) process.exit((console.log('access revoked (401)'), 2));
  let buffer = '';
  for await (const chunk of res?.ok ? res.body : []) {
    buffer += Buffer.from(chunk).toString('utf8');
    for (let end; (end = buffer.indexOf('\n\n')) >= 0; buffer = buffer.slice(end + 2)) {
      const fields = Object.fromEntries(
        buffer
          .slice(0, end)
          .split('\n')
          .map((l) => l.split(/: (.*)/s)),
      );
      if (fields.id) lastId = fields.id;
      if (!fields.data) continue;
      const mood = JSON.parse(fields.data);
      if (mood.label && lastLabel && mood.label !== lastLabel) console.log(`changed: ${lastLabel} -> ${mood.label}`);
      if (mood.label !== lastLabel || mood.paused) show(mood);
      lastLabel = mood.label ?? lastLabel;
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the stream ended: resume where it stopped
}
