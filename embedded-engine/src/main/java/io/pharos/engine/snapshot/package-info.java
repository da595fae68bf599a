/**
 * Offline snapshots (docs/snapshots.md): one file with what the console showed over a time range,
 * its manifest, export from the store, and the checks a receiver runs on it. The SQL of the file
 * lives in the store package, as every SQL of the engine does; this package decides what goes in
 * and what the manifest says.
 */
package io.pharos.engine.snapshot;
