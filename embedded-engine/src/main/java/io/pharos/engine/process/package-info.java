/**
 * Running configured commands (notification receivers, automated responses) the same careful way: no shell,
 * input on its own thread, bounded output, a timeout that kills the whole process tree, a small environment.
 * Depends on no other engine package.
 */
package io.pharos.engine.process;
