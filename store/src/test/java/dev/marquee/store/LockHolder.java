package dev.marquee.store;

import java.nio.file.Path;

/**
 * A child process for {@link StoreLockIT}: takes the store's lock on {@code args[0]}, says {@code locked} on stdout,
 * then holds it until it is killed or its stdin closes.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (StoreLock lock = StoreLock.acquire(new StoreLayout(Path.of(args[0])))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until stdin closes
            }
        }
    }
}
