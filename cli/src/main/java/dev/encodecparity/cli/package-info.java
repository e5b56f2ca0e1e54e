/**
 * The command line: one class per subcommand, {@link dev.encodecparity.cli.Main} as the launcher's entry point. Bad
 * input becomes one line on stderr and exit code 2; a failed check exits 1.
 */
package dev.encodecparity.cli;
