package dev.pushflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * {@code pushflow}: the root command. {@link dev.pushflow.Main} calls {@link #run(String[])} whenever there
 * are arguments; without them it opens the GUI.
 */
@Command(name = "pushflow", mixinStandardHelpOptions = true, versionProvider = PushFlowCli.Version.class,
        description = "Simulates the iOS offline-push flow of an IM app (TUIOfflinePush) with real APNs pushes "
                + "to embedded gateways. Run without arguments for the desktop app.",
        subcommands = {ParseCommand.class, GatewayCommand.class, ScenarioCommand.class, SendCommand.class,
                DoctorCommand.class, LoadCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 an expectation failed, 2 invalid input or usage, 3 PushFlow itself failed."})
public final class PushFlowCli implements Runnable {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    /** Standard input for {@code parse -}; replaceable in tests. */
    InputStream in = System.in;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use parse, gateway, scenario, send, doctor or load (see pushflow --help)");
    }

    /** Runs the CLI on the process's standard streams and returns the exit code. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
        return run(args, System.in, out, err);
    }

    /** Runs the CLI on the given streams (tests) and returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        // Pushy and Netty log connection chatter at INFO; a CLI shows warnings only unless told otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PushFlowCli root = new PushFlowCli();
        root.in = in;
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                // Bad input found while running: say it plainly, no usage block, no stack trace.
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + c.getMessage());
                return c.exitCode();
            }
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + e);
            if (Boolean.getBoolean("pushflow.debug")) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(run with PUSHFLOW_JAVA_OPTS=-Dpushflow.debug=true for the stack trace)");
            }
            return INTERNAL_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A problem a command reports with a message and an exit code, never with a stack trace. */
    static final class CliException extends RuntimeException {
        private final int exitCode;

        CliException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PushFlowCli.class.getPackage().getImplementationVersion();
            return new String[] {"pushflow " + (v == null ? "(development build)" : v)};
        }
    }
}
