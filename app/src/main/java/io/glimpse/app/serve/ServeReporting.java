package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.vision.AskResult;

/**
 * Glimpse's diagnostics in the JSON shape the CLI prints (docs/cli.md), handed in by the command so
 * that the server's {@code glimpse} fields and {@code glimpse ask --json} cannot drift apart.
 */
public interface ServeReporting {
    JsonNode ledger(TokenLedger ledger);

    JsonNode timings(AskResult result);
}
