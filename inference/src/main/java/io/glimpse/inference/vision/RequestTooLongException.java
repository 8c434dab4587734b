package io.glimpse.inference.vision;

import io.glimpse.inference.ledger.TokenLedger;

/**
 * A request whose prompt (text, images, videos) plus the requested answer does not fit the model's
 * context. Raised after the media are decoded and counted, before any encoding; carries the ledger
 * so the caller can show which part costs what.
 */
public final class RequestTooLongException extends Exception {
    private final transient TokenLedger ledger;

    public RequestTooLongException(TokenLedger ledger) {
        super(String.format("the prompt (%d tokens, %d of them images and videos) plus the requested answer (%d tokens) "
                        + "is %d tokens, over the model's context length of %d by %d: use fewer frames, fewer grids "
                        + "or a shorter answer",
                ledger.promptTokens(), ledger.visualTokens(), ledger.outputReserve(), ledger.totalTokens(),
                ledger.contextLength(), ledger.overBy()));
        this.ledger = ledger;
    }

    public TokenLedger ledger() {
        return ledger;
    }
}
