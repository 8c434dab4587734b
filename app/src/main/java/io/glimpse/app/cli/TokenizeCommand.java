package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Print the token ids of TEXT with a model folder's tokenizer, and each id's piece.",
                "Special tokens written in TEXT (e.g. <|im_start|>) count as one token each, as in a prompt."})
final class TokenizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model folder whose tokenizer to use")
    Path model;

    @Option(names = "--add-special", description = "add the tokenizer's own special tokens (BOS), as for a raw prompt "
            + "without a chat template (default: the text alone, as a rendered chat prompt is tokenized)")
    boolean addSpecial;

    @Option(names = "--json", description = "print one JSON object: text, tokens, ids, pieces (docs/cli.md)")
    boolean json;

    @Parameters(paramLabel = "TEXT", description = "the text to tokenize")
    String text;

    @Override
    public Integer call() throws ModelFolderException {
        PrintWriter out = spec.commandLine().getOut();
        try (Tokenizer tokenizer = Tokenizers.open(model)) {
            int[] ids = tokenizer.encode(text, addSpecial);
            String[] pieces = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                // each id on its own: a piece that is part of a UTF-8 character shows as U+FFFD
                pieces[i] = tokenizer.decode(new int[] {ids[i]}, false);
            }
            if (json) {
                ObjectNode n = Json.object();
                n.put("text", text);
                n.put("tokens", ids.length);
                ArrayNode idArray = n.putArray("ids");
                ArrayNode pieceArray = n.putArray("pieces");
                for (int i = 0; i < ids.length; i++) {
                    idArray.add(ids[i]);
                    pieceArray.add(pieces[i]);
                }
                out.println(Json.write(n));
            } else {
                out.println(ids.length + (ids.length == 1 ? " token" : " tokens"));
                for (int i = 0; i < ids.length; i++) {
                    // the piece as a JSON string: spaces, newlines and control characters stay visible
                    out.printf(Locale.ROOT, "%8d  %s%n", ids[i], Json.write(TextNode.valueOf(pieces[i])));
                }
            }
        }
        return 0;
    }
}
