package dev.pushflow.ui.scenarios;

import dev.pushflow.engine.PushFlowEngine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's scenario API ({@code dev.pushflow.scenario.ScenarioLoader.load(Path)}, {@code ScenarioRunner(engine)}
 * with {@code prepare}, {@code runStep}), reached by name: the scenario package is merged from the CLI
 * branch, and the panel works as soon as it is on the classpath.
 */
final class ScenarioPort {
    /** A loaded scenario: the library's object and its steps' descriptions. */
    record Loaded(Object scenario, String name, List<String> steps) {
    }

    /** One step's result: passed or not, and what it says. */
    record Step(boolean passed, String text) {
    }

    private final PushFlowEngine engine;
    private Object runner;

    ScenarioPort(PushFlowEngine engine) {
        this.engine = engine;
    }

    static boolean available() {
        try {
            Class.forName("dev.pushflow.scenario.ScenarioLoader");
            Class.forName("dev.pushflow.scenario.ScenarioRunner");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    Loaded load(Path file) throws Exception {
        Class<?> loader = Class.forName("dev.pushflow.scenario.ScenarioLoader");
        Object scenario = call(loader.getMethod("load", Path.class), null, file);
        List<String> steps = new ArrayList<>();
        Object list = call(method(scenario.getClass(), "steps"), scenario);
        for (Object step : (List<?>) list) {
            Method d = method(step.getClass(), "describe");
            steps.add(d == null ? step.toString() : String.valueOf(call(d, step)));
        }
        Method nameMethod = method(scenario.getClass(), "name");
        String name = nameMethod == null ? file.getFileName().toString() : String.valueOf(call(nameMethod, scenario));
        return new Loaded(scenario, name, steps);
    }

    void prepare(Object scenario) throws Exception {
        Class<?> r = Class.forName("dev.pushflow.scenario.ScenarioRunner");
        runner = r.getConstructor(PushFlowEngine.class).newInstance(engine);
        Method prepare = method(r, "prepare");
        if (prepare != null) {
            call(prepare, runner, scenario);
        }
    }

    Step runStep(Object scenario, int index) throws Exception {
        if (runner == null) {
            prepare(scenario);
        }
        Method m = null;
        for (Method x : runner.getClass().getMethods()) {
            if (x.getName().equals("runStep") && x.getParameterCount() == 2) {
                m = x;
            }
        }
        if (m == null) {
            throw new IllegalStateException("ScenarioRunner has no runStep(Scenario, int)");
        }
        Object result = call(m, runner, scenario, index);
        boolean passed = true;
        for (String flag : new String[]{"passed", "ok", "success"}) {
            Method f = method(result.getClass(), flag);
            if (f != null && (f.getReturnType() == boolean.class || f.getReturnType() == Boolean.class)) {
                passed = (Boolean) call(f, result);
                break;
            }
        }
        Method d = method(result.getClass(), "message");
        if (d == null) {
            d = method(result.getClass(), "describe");
        }
        return new Step(passed, d == null ? result.toString() : String.valueOf(call(d, result)));
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && (m.getParameterCount() == 0 || name.equals("prepare"))) {
                return m;
            }
        }
        return null;
    }

    private static Object call(Method m, Object target, Object... args) throws Exception {
        try {
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
