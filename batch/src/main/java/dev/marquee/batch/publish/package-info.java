/** Publishing: writing the lists into a new store version and making it current. */
package dev.marquee.batch.publish;
