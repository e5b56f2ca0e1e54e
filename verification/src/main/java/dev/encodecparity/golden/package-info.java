/**
 * Golden outputs for regression runs: {@code golden record} stores codes and decoded audio per clip and bandwidth with
 * a manifest; {@code golden check} runs the same inputs and reports real differences apart from near ties.
 */
package dev.encodecparity.golden;
