/**
 * Where an output came from, as one typed record ({@link dev.encodecparity.provenance.OutputProvenance}) that every
 * writer fills in and every reader gets back: the tool, when, the model or checkpoint it was made from, the engine
 * that computed it and the inputs with their SHA-256. Each output keeps its own spelling (a safetensors metadata map,
 * a sidecar's keys, a report's fields); the record is marshalled to that spelling and read back from it here, so the
 * spellings cannot drift apart from the facts. After Tribuo's {@code ModelProvenance}. Plain JDK and Jackson.
 */
package dev.encodecparity.provenance;
