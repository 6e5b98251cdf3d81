package io.closedloop.e2e.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.closedloop.stack.Tools;

/** Runs the machine's tools the operations tests need, and says plainly when one is missing. */
public final class Commands {

    public record Result(int exit, String output) {
    }

    private Commands() {
    }

    public static Path home() {
        return Path.of(System.getProperty("closedloop.home", "..")).toAbsolutePath().normalize();
    }

    public static Path require(String name, String howToGetIt) {
        return Tools.onPath(name).orElseThrow(() -> new AssertionError(
                name + " is needed by this test and is not on the PATH: " + howToGetIt));
    }

    public static Result run(Path dir, Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile("closedloop-command-", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and requires exit status 0; returns the output. */
    public static String succeed(Path dir, Duration timeout, List<String> command) {
        Result result = run(dir, timeout, command);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exit() + "):\n" + result.output());
        }
        return result.output();
    }
}
