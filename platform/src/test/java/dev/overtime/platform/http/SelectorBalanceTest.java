package dev.overtime.platform.http;

import dev.overtime.platform.http.SelectorBalance.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each new connection goes, so that callers and runtimes meet on the same selectors. */
class SelectorBalanceTest {

    @Test
    void aSingleCallerAndASingleRuntime_shareTheFirstSelector() {
        SelectorBalance balance = new SelectorBalance(2);

        assertThat(balance.place(Kind.CALLER)).isZero();
        assertThat(balance.place(Kind.RUNTIME)).isZero();
    }

    @Test
    void eachKind_isSpreadEvenly_whateverOrderTheyArriveIn() {
        SelectorBalance balance = new SelectorBalance(2);
        // Round robin over this order would put every caller on one selector and every runtime on the other.
        for (int i = 0; i < 16; i++) {
            balance.place(Kind.CALLER);
            balance.place(Kind.RUNTIME);
        }

        for (Kind kind : Kind.values()) {
            assertThat(balance.count(kind, 0)).as(kind.name()).isEqualTo(8);
            assertThat(balance.count(kind, 1)).as(kind.name()).isEqualTo(8);
        }
    }

    @Test
    void aReleasedPlace_isTheNextOneTaken() {
        SelectorBalance balance = new SelectorBalance(3);
        for (int i = 0; i < 6; i++) {
            balance.place(Kind.RUNTIME);
        }

        balance.release(Kind.RUNTIME, 2);

        assertThat(balance.count(Kind.RUNTIME, 2)).isEqualTo(1);
        assertThat(balance.place(Kind.RUNTIME)).isEqualTo(2);
        assertThat(balance.place(Kind.CALLER)).isZero();
    }

    @Test
    void noSelectors_isRefused() {
        assertThatThrownBy(() -> new SelectorBalance(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
