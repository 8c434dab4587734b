package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Float16Test {
    @Test
    void everyHalfSurvivesTheRoundTrip() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = Float16.toFloat((short) h);
            if (!Float.isNaN(f)) {
                assertThat(Float16.fromFloat(f) & 0xFFFF).as("half 0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        assertThat(Float16.fromFloat(1f + 1f / 2048)).isEqualTo((short) 0x3C00); // tie, 1.0 is even
        assertThat(Float16.fromFloat(1f + 3f / 2048)).isEqualTo((short) 0x3C02); // tie, 1+2/1024 is even
        assertThat(Float16.fromFloat(1f + 1.5f / 2048)).isEqualTo((short) 0x3C01);
        assertThat(Float16.fromFloat(65520f)).isEqualTo((short) 0x7C00); // rounds up to infinity
        assertThat(Float16.fromFloat(-1000f)).isEqualTo((short) 0xE3D0);
        assertThat(Float16.fromFloat(2.9802322e-8f)).isEqualTo((short) 0); // exactly half the smallest subnormal: even
        assertThat(Float16.fromFloat(4.5e-8f)).isEqualTo((short) 1);
        assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN)))).isTrue();
    }
}
