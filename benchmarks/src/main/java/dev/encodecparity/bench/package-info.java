/**
 * JMH benchmarks and measurement harnesses. Each class says what it measures, against what, and how to run it; the
 * recorded results are in benchmarks/README.md.
 */
package dev.encodecparity.bench;
