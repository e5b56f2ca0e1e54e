/**
 * Comparing what two models produce: codes frame by frame with near ties told apart by their distance margin, and
 * reconstructions by error and SNR. No DJL.
 */
package dev.encodecparity.compare;
