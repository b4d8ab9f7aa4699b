package dev.pushflow.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's help, found by walking the command tree (so a new command is covered without a list to keep):
 * picocli formats each description line with String.format, and a bare '%' (as in "429=3%") made it print a
 * "[picocli WARN] Could not format" line on the terminal instead of the text.
 */
class HelpTextTest {

    private static void walk(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                walk(sub, out);
            }
        }
    }

    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        walk(new CommandLine(new PushFlowCli()), all);
        return all;
    }

    /** The description lines as written in the annotations, before picocli formats them. */
    private static List<String> rawLines(Class<?> type) {
        List<String> lines = new ArrayList<>();
        CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
        if (command != null) {
            lines.addAll(List.of(command.description()));
            lines.addAll(List.of(command.footer()));
            lines.addAll(List.of(command.header()));
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                CommandLine.Option option = f.getAnnotation(CommandLine.Option.class);
                if (option != null) {
                    lines.addAll(List.of(option.description()));
                }
                CommandLine.Parameters parameters = f.getAnnotation(CommandLine.Parameters.class);
                if (parameters != null) {
                    lines.addAll(List.of(parameters.description()));
                }
            }
        }
        return lines;
    }

    @Test
    void everyDescriptionLineFormatsAsPicocliFormatsIt() {
        List<String> bad = new ArrayList<>();
        List<CommandLine> all = commands();
        assertTrue(all.size() >= 8, "the walk found the commands: " + all.size());
        for (CommandLine cl : all) {
            for (String line : rawLines(cl.getCommand().getClass())) {
                try {
                    String.format(Locale.ROOT, line);
                } catch (IllegalFormatException e) {
                    bad.add(cl.getCommandSpec().qualifiedName() + ": '" + line + "' (" + e.getMessage() + ")");
                }
            }
        }
        assertEquals(List.of(), bad, "description lines with a bare '%' (write '%%')");
    }

    @Test
    void everyCommandsHelpIsUsageOnStdoutAndNothingOnStderr() {
        for (CommandLine cl : commands()) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            if (name.endsWith(" help")) {
                continue; // picocli's own help command takes a command name, not --help
            }
            List<String> args = new ArrayList<>(List.of(name.split(" ")));
            args.remove(0); // "pushflow"
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), () -> name + ": " + run);
            assertTrue(run.out().startsWith("Usage: " + name), () -> name + ": " + run);
            assertEquals("", run.err(), () -> name + ": " + run);
        }
    }
}
