/**
 * Models as data, without DJL: where a model's weights and settings come from (each layout on its own), and the codes
 * a model produces, with their file format.
 */
package dev.encodecparity.model;
