package io.pharos.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LabelsTest {
    private static final UnaryOperator<String> AS_IS = s -> s;

    @Test
    void theCanonicalTextParsesBackToEqualLabels() {
        Labels labels = Labels.of("region", "eu-west-1", "host", "api-001", "note", "say \"hi\", a\\b\nc={x}");
        Labels parsed = Labels.parseCanonical(labels.toString(), AS_IS);
        assertThat(parsed).isEqualTo(labels);
        assertThat(parsed.get("note")).isEqualTo("say \"hi\", a\\b\nc={x}");
        assertThat(Labels.parseCanonical("{}", AS_IS)).isEqualTo(Labels.EMPTY);
        assertThat(Labels.parseCanonical("{a=\"\"}", AS_IS).get("a")).isEmpty();
    }

    @Test
    void equalStringsAreSharedThroughTheGivenMap() {
        Map<String, String> shared = new HashMap<>();
        UnaryOperator<String> share = s -> shared.computeIfAbsent(s, x -> x);
        Labels a = Labels.parseCanonical("{provider=\"aws\",region=\"us-east-1\"}", share);
        Labels b = Labels.parseCanonical("{provider=\"aws\",region=\"eu-west-1\"}", share);
        assertThat(a.value(0)).isSameAs(b.value(0));
        assertThat(a.name(1)).isSameAs(b.name(1));
    }

    @Test
    void anythingButTheCanonicalFormIsRefused() {
        for (String bad : new String[] {"", "a=\"1\"", "{b=\"1\",a=\"2\"}", "{a=\"1\",a=\"2\"}", "{a=\"1\"", "{a=1}",
                "{a=\"1\"b=\"2\"}", "{a=\"1\",}", "{a=\"x\\q\"}", "{9a=\"1\"}", "{a=\"1}"}) {
            assertThatThrownBy(() -> Labels.parseCanonical(bad, AS_IS)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sortedPairsMustBeSortedAndDistinct() {
        assertThat(Labels.ofSortedPairs(new String[] {"a", "1", "b", "2"})).isEqualTo(Labels.of("b", "2", "a", "1"));
        assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"b", "1", "a", "2"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.ofSortedPairs(new String[] {"a"})).isInstanceOf(IllegalArgumentException.class);
    }
}
