package dev.pushflow.cli;

import dev.pushflow.io.BoundedInput;
import dev.pushflow.tap.OfflinePushHook;
import dev.pushflow.tap.RedirectParser;
import dev.pushflow.tap.RedirectTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code pushflow parse}: one tapped notification's userInfo, parsed as the vendor component does. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parses one notification userInfo (the JSON a device receives) exactly as TUIOfflinePush does "
                + "on a tap, and prints one JSON line: {\"target\":\"c2c|group|none|custom\",\"userID\":...,"
                + "\"groupID\":...,\"reason\":...}.",
                "Exit 0 for any JSON object (also when the target is none), 2 when the input is not a JSON object."})
final class ParseCommand implements Runnable {
    @ParentCommand
    PushFlowCli root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "the userInfo JSON file; - or nothing reads standard input")
    String file;

    @Option(names = "--hook", paramLabel = "YES|NO",
            description = "the app implements processTUIOfflinePushNotification: and returns YES (takes over) or NO")
    YesNo hook;

    enum YesNo { YES, NO }

    @Override
    public void run() {
        String text = read();
        OfflinePushHook appHook = hook == null ? null : entity -> hook == YesNo.YES;
        RedirectTarget target;
        try {
            target = RedirectParser.parse(text, appHook);
        } catch (IllegalArgumentException e) {
            throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, e.getMessage() + " (give the userInfo a"
                    + " device receives: one JSON object, like {\"aps\":{\"alert\":\"hi\"},\"ext\":\"{...}\"})");
        }
        spec.commandLine().getOut().println(target.toJsonLine());
    }

    /** A userInfo is a few KiB at most (APNs allows 4 KiB, 5 KiB for VoIP); 1 MiB leaves room and bounds memory. */
    static final int LIMIT = BoundedInput.MIB;

    private String read() {
        try {
            if (file == null || file.equals("-")) {
                return BoundedInput.text(root.in, "standard input", LIMIT);
            }
            return BoundedInput.text(Path.of(file), "the userInfo file", LIMIT);
        } catch (BoundedInput.InputException e) {
            throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new PushFlowCli.CliException(PushFlowCli.INVALID_INPUT, "'" + file + "' is not a valid path: " + e.getReason());
        }
    }
}
