// Background work that shares the event loop with requests (writing a snapshot in
// store/snapshot-writer.ts, filing loans' history) gives the loop back after this long, so
// no request waits behind it for more than a few milliseconds.
export const SLICE_MS = 8;
