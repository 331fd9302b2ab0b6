package io.github.jawait.agent.plan;

import io.github.jawait.agent.analyse.TypeValue;

/**
 * One value saved across a suspension: local {@code index} (or the stack entry at depth
 * {@code index} from the bottom), of verifier type {@code type}, kept in the frame's
 * reference or primitive slot {@code slot} (a field {@code r<slot>}/{@code p<slot>} of an
 * inline shape, or that index of an array shape's {@code refs}/{@code prims}). A {@code null}-typed value needs no
 * slot ({@code slot == -1}): it is restored as {@code aconst_null}.
 */
public record Spill(int index, TypeValue type, int slot) {

    public boolean inRefs() {
        return type.kind == TypeValue.Kind.REF;
    }

    public boolean isNull() {
        return type.kind == TypeValue.Kind.NULL;
    }
}
