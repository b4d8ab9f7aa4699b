package dev.pushflow.ui.shell;

import dev.pushflow.ui.shell.MainViewModel.Panel;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelRegistryTest {
    @Test
    void every_panel_has_one_entry_in_navigation_order_with_its_own_shortcut_and_title() {
        List<PanelRegistry.Entry<?>> all = PanelRegistry.all();
        assertEquals(List.of(Panel.values()), all.stream().map(PanelRegistry.Entry::panel).toList());
        Set<Object> shortcuts = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            PanelRegistry.Entry<?> e = all.get(i);
            assertEquals(String.valueOf(i + 1), e.shortcut().getChar(), "Ctrl+" + (i + 1) + " opens " + e.title());
            assertTrue(shortcuts.add(e.shortcut()) && titles.add(e.title()), e.title());
            assertFalse(e.description().isBlank(), e.title());
            assertTrue(e.icon() != null && e.viewModel() != null && e.view() != null, e.title());
        }
    }
}
