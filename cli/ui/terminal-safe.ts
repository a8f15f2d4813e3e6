// Text from a service is data, never instructions to the terminal. A name such as
// "\u001b]0;PWNED\u0007\u001b[2J" would retitle the window and clear the screen of the
// librarian who lists users; a right-to-left override would make "gpj.exe" read "exe.jpg".
// Every string that came from a service goes through terminalSafe() before it is printed:
// Output does it for every result (tables, lines) and every note, warning and error, Ask for
// every prompt. Our own colours are added after, by the renderers.

/** OSC, DCS, SOS, PM and APC strings with their payload, up to BEL or ST (or the end). */
const CONTROL_STRING = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/** CSI sequences: ESC [ (or C1 CSI), parameters, intermediates, a final byte. */
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g;
/** Any other escape: ESC, intermediates, a final byte. */
const ESCAPE = /\u001b[ -/]*[0-~]?/g;
/** Line and tab breaks become a space, so a value cannot forge a line of its own. */
const BREAKS = /[\t\n\r]+/g;
/** The rest of C0, DEL and C1. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidirectional embeddings, overrides, isolates and marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL_STRING, '').replace(CSI, '').replace(ESCAPE, '').replace(BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/** `data` with every string in it (keys too) made terminal-safe; other values as they are. */
export function terminalSafeData<T>(data: T): T {
  if (typeof data === 'string') return terminalSafe(data) as T;
  if (Array.isArray(data)) return data.map((item) => terminalSafeData(item)) as T;
  if (data && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [terminalSafe(key), terminalSafeData(value)])) as T;
  }
  return data;
}

/** C1 and bidi characters that JSON.stringify leaves raw, escaped as \uXXXX: the same data, inert on a terminal. */
export function inertJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
