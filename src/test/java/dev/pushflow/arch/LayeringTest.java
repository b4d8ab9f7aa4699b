package dev.pushflow.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture, checked: the core is a plain Java library the GUI and the CLI both use; packages form no cycles;
 * panels are View + ViewModel; nothing in main code sleeps. Exceptions are named here, each with its reason.
 */
class LayeringTest {
    /** Imported once for all rules (an import per test method took most of this class's time). */
    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pushflow");

    /**
     * Named exceptions to "no package cycles". {@code PushFlowApp} is the window's composition root (the JavaFX
     * Application, in the ui root where the launcher and the tests find it): it wires the shell, which builds the
     * panels, which use the ui root's shared pieces (AppContext, Ui, TaskRunner, UiEventQueue).
     */
    private static final Set<String> COMPOSITION_ROOTS = Set.of("dev.pushflow.ui.PushFlowApp");

    /**
     * Named exceptions to "no Thread.sleep in main code", with the reason. The delivery log's single writer thread
     * sleeps a millisecond when its lock-free queue is empty instead of being woken per append (architecture.md,
     * Threads): appending never waits, and the writer never spins.
     */
    private static final Map<String, String> ALLOWED_TO_SLEEP = Map.of(
            "dev.pushflow.delivery.DeliveryLog", "the log writer's idle wait");

    /**
     * Named exceptions to "no static mutable state", each with its reason. Everything else keeps state in instances
     * handed to whoever needs them (a credential's {@code CredentialSource} travels in its {@code CertificateEntry};
     * it used to be looked up in a static WeakHashMap). A true cache may be added here with its justification.
     */
    private static final Map<String, String> ALLOWED_STATIC_STATE = Map.of(
            "dev.pushflow.ui.PushFlowApp", "JavaFX makes the Application itself: the launcher and the tests hand it"
                    + " its engine factory and a started hook through static fields, set before launch",
            "dev.pushflow.cli.ApnsCredentialOptions", "the environment-variable lookup, a seam the CLI tests replace"
                    + " (a process cannot set its own environment variables)",
            "dev.pushflow.ui.shell.PanelRegistry", "its EnumMap index of the panel list is private, filled once in the"
                    + " static initialiser and only read after");

    /** Collection classes whose instances can be changed; a static field holding one is shared mutable state. */
    private static final Set<String> MUTABLE_COLLECTIONS = Set.of("java.util.HashMap", "java.util.WeakHashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.IdentityHashMap", "java.util.EnumMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.ArrayDeque", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque");

    /** A sub-view that two panels embed (Raw push and Doctor show the same key-scope form). */
    private static final String SHARED_SUB_PANEL = "dev.pushflow.ui.keyscope";

    @Test
    void coreNeverImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.pushflow.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp.ikonli..")
                .because("the engine is a library that the CLI and the GUI both use")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnTheUserInterfaceOrCli() {
        noClasses().that().resideOutsideOfPackages("dev.pushflow.ui..", "dev.pushflow.cli..", "dev.pushflow")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pushflow.ui..", "dev.pushflow.cli..")
                .because("the GUI and the CLI are thin clients of the engine, never the other way round")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noPackageCyclesIncludingTheUiAndItsPanels() {
        slices().matching("dev.pushflow.(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.describe("a named composition root",
                        (JavaClass c) -> COMPOSITION_ROOTS.contains(c.getName())), DescribedPredicate.alwaysTrue())
                .because("a package can be read, tested and changed from its dependencies up")
                .check(classes);
    }

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        noClasses().that().haveNameMatching("dev\\.pushflow\\.ui\\..*ViewModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..",
                        "atlantafx..", "org.kordamp.ikonli..")
                .because("view models hold state in properties and are unit-tested without a toolkit")
                .check(classes);
    }

    @Test
    void viewsUseOnlyTheirViewModelAndValueTypes() {
        classes().that().haveNameMatching("dev\\.pushflow\\.ui\\.[a-z]+\\.[A-Za-z]*View(\\$.*)?")
                .and().resideOutsideOfPackage("dev.pushflow.ui.shell")
                .should(onlyUseTheirPanelAndValueTypes())
                .because("a view binds to its view model and forwards events; the engine is the view model's business")
                .check(classes);
    }

    @Test
    void noThreadSleepInMainCode() {
        noClasses().that(DescribedPredicate.describe("are not a named exception",
                        (JavaClass c) -> !ALLOWED_TO_SLEEP.containsKey(outermost(c).getName())))
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .orShould().callMethod(TimeUnit.class, "sleep", long.class)
                .because("waits in main code wait for something (a latch, a future, a park with a deadline)")
                .check(classes);
    }

    /**
     * Issue 10: no static mutable maps or lists. Approximated from the bytecode: a static field is final, is not
     * declared as a mutable collection class, and a class with a static Map/Collection field does not fill it from
     * a mutable collection (or Collections.synchronized*) in its static initialiser. Build immutable ones with
     * Map.of / List.copyOf; enum constants and records are fine.
     */
    @Test
    void noStaticMutableCollectionsInMainCode() {
        classes().that(DescribedPredicate.describe("are not a named exception",
                        (JavaClass c) -> !ALLOWED_STATIC_STATE.containsKey(outermost(c).getName())))
                .should(holdNoStaticMutableState())
                .because("state shared through a static field outlives its owner and couples unrelated tests"
                        + " (carry it in an instance instead, as CertificateEntry carries its CredentialSource)")
                .check(classes);
    }

    private static ArchCondition<JavaClass> holdNoStaticMutableState() {
        return new ArchCondition<>("hold no static mutable state") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean collectionField = false;
                for (JavaField f : c.getFields()) {
                    if (!f.getModifiers().contains(JavaModifier.STATIC) || f.getModifiers().contains(JavaModifier.SYNTHETIC)
                            || f.getName().startsWith("$")) {
                        continue;
                    }
                    JavaClass type = f.getRawType();
                    if (!f.getModifiers().contains(JavaModifier.FINAL)) {
                        events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is static and not final"));
                    } else if (MUTABLE_COLLECTIONS.contains(type.getName())) {
                        events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is a static " + type.getSimpleName()));
                    }
                    if (type.isAssignableTo(java.util.Map.class) || type.isAssignableTo(java.util.Collection.class)) {
                        collectionField = true;
                    }
                }
                if (!collectionField) {
                    return;
                }
                c.getStaticInitializer().ifPresent(init -> {
                    boolean copied = init.getMethodCallsFromSelf().stream().anyMatch(call ->
                            call.getName().equals("copyOf") || call.getName().startsWith("unmodifiable"));
                    if (copied) {
                        return; // a mutable builder turned into an unmodifiable copy, as List.copyOf(keys)
                    }
                    for (JavaConstructorCall call : init.getConstructorCallsFromSelf()) {
                        String target = call.getTargetOwner().getName();
                        if (MUTABLE_COLLECTIONS.contains(target)) {
                            events.add(SimpleConditionEvent.violated(call, c.getName()
                                    + " fills a static collection from a " + call.getTargetOwner().getSimpleName()
                                    + " (" + call.getSourceCodeLocation() + ")"));
                        }
                    }
                    for (JavaMethodCall call : init.getMethodCallsFromSelf()) {
                        if (call.getTargetOwner().getName().equals("java.util.Collections")
                                && call.getName().startsWith("synchronized")) {
                            events.add(SimpleConditionEvent.violated(call, c.getName() + " keeps a static "
                                    + call.getName() + " (" + call.getSourceCodeLocation() + ")"));
                        }
                    }
                });
            }
        };
    }

    /**
     * A view may use its own package (the view model and its nested value types), the ui root's helpers, the shared
     * key-scope sub-view, and in the core only value types (records and enums) and Apple's vocabulary
     * ({@code dev.pushflow.apns}): never the engine's services, another panel's view model or the CLI.
     */
    private static ArchCondition<JavaClass> onlyUseTheirPanelAndValueTypes() {
        return new ArchCondition<>("only use their own panel, the ui helpers and value types") {
            @Override
            public void check(JavaClass view, ConditionEvents events) {
                for (Dependency d : view.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    String pkg = target.getPackageName();
                    if (!pkg.startsWith("dev.pushflow") || pkg.equals(view.getPackageName())
                            || pkg.startsWith(SHARED_SUB_PANEL) || isValueType(target)) {
                        continue;
                    }
                    if (pkg.equals("dev.pushflow.ui") && !target.getSimpleName().equals("AppContext")) {
                        continue; // Ui, TaskRunner, UiEventQueue, ...: the toolkit's helpers, not the engine
                    }
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
            }
        };
    }

    private static boolean isValueType(JavaClass c) {
        JavaClass top = outermost(c);
        if (top.getPackageName().startsWith("dev.pushflow.apns")) {
            return true;
        }
        if (top.getPackageName().startsWith("dev.pushflow.ui")) {
            return false; // another panel's classes are not values of this one
        }
        return c.isRecord() || c.isEnum() || top.isRecord() || top.isEnum() || VALUE_CLASSES.contains(top.getName());
    }

    /**
     * Values that are classes only to be kept compact: a delivery record has a record's accessors, equals and JSON
     * form, and keeps its texts as bytes (see DeliveryRecord).
     */
    private static final Set<String> VALUE_CLASSES = Set.of("dev.pushflow.delivery.DeliveryRecord");

    private static JavaClass outermost(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }
}
