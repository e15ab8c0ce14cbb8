package org.dl4jinit.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks a command's {@code --out DIR} before any long work: a report written only after a run of minutes must
 * not fail then on a folder that could never have held it.
 *
 * <p>The folder is created (with its missing parents) and a probe file is written and deleted in it; folders that
 * this check created are removed again, so a run that fails later (missing data, say) leaves nothing behind. A
 * folder that cannot be used is bad usage (exit code 2), with a message naming the option, the path and the
 * reason.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * @param cl     the command, for the usage error
     * @param option the option's name, e.g. {@code --out}
     * @param folder the folder it names
     * @throws ParameterException if the folder is empty, an existing file, cannot be created or is not writable
     */
    static void requireWritable(CommandLine cl, String option, Path folder) {
        if (folder == null || folder.toString().isBlank()) {
            throw new ParameterException(cl, option + " must name a folder, was \""
                    + (folder == null ? "" : folder) + "\"");
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ParameterException(cl, option + " " + folder + " is a file, not a folder");
        }
        // the folders this check creates, deepest first, to remove again afterwards
        List<Path> created = new ArrayList<>();
        Path existing = folder.toAbsolutePath().normalize();
        for (; existing != null && !Files.exists(existing); existing = existing.getParent()) {
            created.add(existing);
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new ParameterException(cl, option + " " + folder + " cannot be created: " + existing
                    + " is a file, not a folder");
        }
        try {
            try {
                Files.createDirectories(folder);
            } catch (IOException | SecurityException e) {
                throw new ParameterException(cl, option + " " + folder + " cannot be created: " + reason(e));
            }
            try {
                Files.delete(Files.createTempFile(folder, ".dl4j-init-probe", ".tmp"));
            } catch (IOException | SecurityException e) {
                throw new ParameterException(cl, option + " " + folder + " is not writable: " + reason(e));
            }
        } finally {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    break;
                }
            }
        }
    }

    /** The reason of a file-system error in a few words, e.g. "permission denied". */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
        }
        return Dl4jInitCli.message(e);
    }
}
