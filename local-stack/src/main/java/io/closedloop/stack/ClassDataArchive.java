package io.closedloop.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Class data sharing for one packaged service, trained on a real run.
 *
 * <p>Quarkus's build-time archive ({@code app-cds.jsa}) can only hold the classes loaded before the application
 * starts — with the JDK's, 9,109 of the 19,421 classes leads-service had loaded after 30 s of load: the rest
 * (Hibernate's runtime model, Kafka clients, the HTTP and JSON paths) is loaded and verified on every start. An
 * archive dumped when a real run exits holds all of them; measured on 2 vCPUs it takes a service's time to ready
 * from ~2.8 s to ~1.9 s, with idle RSS about the same (211 against 217 MB).
 *
 * <p>The first start after a build trains: it runs with the build-time archive's help withheld (a dynamic archive
 * needs the JDK's static one as its base) and dumps into a temporary file when it exits. That file becomes the
 * archive only once the process has ended on its own after SIGTERM, so a crash or a kill never leaves a half-written
 * archive in use. One process trains at a time, under an OS file lock that is released if the launcher dies; the
 * others use the build-time archive meanwhile. A rebuild replaces {@code target/quarkus-app}, and with it the archive.
 */
final class ClassDataArchive {

    static final String TRAINED = "closedloop-cds.jsa";
    static final String BUILD_TIME = "app-cds.jsa";

    private final Path appDir;
    private FileChannel lockChannel;
    private FileLock lock;

    ClassDataArchive(Path appDir) {
        this.appDir = appDir;
    }

    /** The JVM options for the next start; when they make this start the trainer, {@link #afterExit} must follow. */
    synchronized List<String> optionsForStart() {
        if (Files.isRegularFile(appDir.resolve(TRAINED))) {
            // -Xshare:auto: an archive the JVM refuses (another JDK, say) costs time, never the start.
            return List.of("-XX:SharedArchiveFile=" + TRAINED, "-Xshare:auto");
        }
        if (claimTraining()) {
            deleteQuietly(pending());
            return List.of("-XX:ArchiveClassesAtExit=" + pending().getFileName());
        }
        if (Files.isRegularFile(appDir.resolve(BUILD_TIME))) {
            return List.of("-XX:SharedArchiveFile=" + BUILD_TIME, "-Xshare:auto");
        }
        return List.of();
    }

    synchronized boolean training() {
        return lock != null;
    }

    /**
     * Called once the process has ended: {@code endedOnItsOwn} is false when it was killed (a crash test, or it
     * overran its grace period), and then whatever it dumped is thrown away and the next start trains again.
     */
    synchronized void afterExit(boolean endedOnItsOwn) {
        if (lock == null) {
            return;
        }
        try {
            Path pending = pending();
            if (endedOnItsOwn && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                Files.move(pending, appDir.resolve(TRAINED), StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteQuietly(pending);
            }
        } catch (IOException e) {
            deleteQuietly(pending());
        } finally {
            release();
        }
    }

    private boolean claimTraining() {
        try {
            lockChannel = FileChannel.open(appDir.resolve(TRAINED + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // Another suite in this JVM is training the same service.
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + appDir.resolve(TRAINED + ".lock"), e);
        }
        if (lock == null) {
            release();
            return false;
        }
        return true;
    }

    private void release() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
        lock = null;
        lockChannel = null;
    }

    private Path pending() {
        return appDir.resolve(TRAINED + ".pending");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover pending file is overwritten by the next training run.
        }
    }
}
