package io.glimpse.inference.importer;

/** The weights of one decoder layer, by role (each architecture names them its own way). */
public enum LayerTensor {
    INPUT_NORM, Q_PROJ, K_PROJ, V_PROJ, O_PROJ, POST_ATTENTION_NORM, GATE_PROJ, UP_PROJ, DOWN_PROJ
}
