package dev.pushflow;

/**
 * One jar, two faces: no arguments opens the desktop app on the embedded gateways; a subcommand runs
 * the headless CLI (parse, scenario, gateway, send, doctor).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            // Loaded by name so the CLI path never touches JavaFX classes.
            Class.forName("dev.pushflow.ui.PushFlowApp").getMethod("launchApp", String[].class)
                    .invoke(null, (Object) args);
        } else {
            int code = (int) Class.forName("dev.pushflow.cli.PushFlowCli").getMethod("run", String[].class)
                    .invoke(null, (Object) args);
            System.exit(code);
        }
    }
}
