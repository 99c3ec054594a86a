package dev.jdnn.bench.cli;

import dev.jdnn.bench.desc.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a benchdnn batch file into tokens, as benchdnn does: words separated by white space, a
 * word starting with {@code #} comments out the rest of its line, and a backslash continues a
 * word on the next one ({@code --alg=relu, \} then {@code tanh} is the one word {@code --alg=relu,tanh}).
 */
public final class BatchFile {
    private BatchFile() {
    }

    /** The tokens of {@code file}; a file that cannot be read is a user mistake. */
    public static List<Token> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read batch file '" + file + "': " + e.getMessage());
        }
        return tokenize(text, file);
    }

    /**
     * The tokens of {@code text}, attributed to {@code file}. A backslash at the end of a word, or
     * alone, glues the next word to the previous one (benchdnn's line continuation).
     */
    public static List<Token> tokenize(String text, Path file) {
        List<Token> tokens = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean continued = false;
        for (int i = 0; i < lines.length; i++) {
            for (String word : lines[i].trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (word.startsWith("#")) {
                    break;
                }
                String text1 = word;
                int line = i + 1;
                if (continued && !tokens.isEmpty()) {
                    Token previous = tokens.remove(tokens.size() - 1);
                    text1 = previous.text() + word;
                    line = previous.line();
                }
                continued = text1.endsWith("\\");
                if (continued) {
                    if (text1.length() == 1) {
                        continue;
                    }
                    text1 = text1.substring(0, text1.length() - 1);
                }
                tokens.add(new Token(text1, file, line));
            }
        }
        return tokens;
    }

    /** The command-line arguments as tokens. */
    public static List<Token> fromArgs(String[] args) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            tokens.add(new Token(args[i], null, i + 1));
        }
        return tokens;
    }

    /**
     * Where {@code --batch=name} points: next to the including file first (benchdnn's nested
     * lookup), then relative to the working directory.
     */
    public static Path locate(String name, Path includingFile) {
        Path given = Path.of(name);
        if (includingFile != null && !given.isAbsolute()) {
            Path sibling = includingFile.toAbsolutePath().getParent().resolve(given).normalize();
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        if (Files.isRegularFile(given)) {
            return given;
        }
        return null;
    }
}
