/**
 * Preloaded into a child process (node --import) by the memory benchmark: at exit, reports the
 * process's peak resident set size (all threads) on stderr as `trade-sim-bench maxRSS=<kB>`.
 */
process.on('exit', () => {
  process.stderr.write(`\ntrade-sim-bench maxRSS=${process.resourceUsage().maxRSS}\n`);
});
