/**
 * Renaming between the original and transformers layouts: the rules are data ({@code original-to-transformers.rules}),
 * the accounting is strict, and every problem is reported at once.
 */
package dev.encodecparity.mapping;
