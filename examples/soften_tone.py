"""'Soften my assistant's tone': reads Attune's current mood once and says how a reply would be phrased.

Usage: ATTUNE_FEED_URL=http://127.0.0.1:PORT/v1/mood ATTUNE_FEED_TOKEN=... python3 examples/soften_tone.py
Python 3.8+, standard library only. See docs/mood-feed.md for the contract.
"""
import json
import os
import sys
import urllib.error
import urllib.request

url = os.environ.get("ATTUNE_FEED_URL", "http://127.0.0.1:8765/v1/mood")
request = urllib.request.Request(url, headers={"Authorization": "Bearer " + os.environ.get("ATTUNE_FEED_TOKEN", "")})
try:
    with urllib.request.urlopen(request, timeout=5) as answer:
        mood = json.load(answer)
except urllib.error.HTTPError as error:
    print(f"Attune refused: {error.code} {json.load(error).get('error', '')}")
    sys.exit(2)

if mood.get("paused") or mood.get("waiting") or mood.get("label") == "unknown" or mood.get("confidence", 0) < 0.3:
    print("mood: unclear -> reply in the usual tone")
elif mood["valence"] < -0.2:
    print(f"mood: {mood['label']} -> soften: 'That sounds hard. Want me to take something off your plate?'")
else:
    print(f"mood: {mood['label']} -> usual tone: 'Sure! Here is what I found.'")
