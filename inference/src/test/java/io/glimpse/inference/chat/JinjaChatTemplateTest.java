package io.glimpse.inference.chat;

import static io.glimpse.inference.chat.ChatMessage.assistant;
import static io.glimpse.inference.chat.ChatMessage.system;
import static io.glimpse.inference.chat.ChatMessage.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jinja features that Hugging Face chat templates rely on, where Jinjava could differ from Python
 * Jinja2. Every expectation is what Jinja2 with HF's settings (trim_blocks, lstrip_blocks) prints.
 */
class JinjaChatTemplateTest {
    static final List<ChatMessage> TWO = List.of(user("a"), assistant("b"));

    static String render(String template, List<ChatMessage> messages) {
        return new JinjaChatTemplate("t", template, Map.of("bos_token", "<s>", "eos_token", "</s>")).render(messages, true);
    }

    // trim_blocks drops the newline after a block tag, lstrip_blocks the indentation before one;
    // an indented {{ }} line keeps its spaces; the template's last "\n" goes (keep_trailing_newline=False).
    @Test
    void trimsAndLstripsBlocksLikeHuggingFace() {
        String template = "{% for m in messages %}\n  {% if m['role'] == 'user' %}\nU: {{ m['content'] }}\n  {% else %}\n"
                + "A: {{ m['content'] }}\n  {% endif %}\n  {{ bos_token }}\n{% endfor %}\n";
        assertThat(render(template, TWO)).isEqualTo("U: a\n  <s>\nA: b\n  <s>\n");
        assertThat(render("{{ eos_token }}\n", TWO)).isEqualTo("</s>");
        assertThat(render("x\n\n", TWO)).isEqualTo("x\n");
    }

    @Test
    void honoursWhitespaceControlDashes() {
        assertThat(render("A  {%- if true -%}  x  {%- endif -%}  B\n  {{- eos_token -}}  \n", TWO)).isEqualTo("AxB</s>");
    }

    @Test
    void concatenatesSubscriptsAndKnowsLoopVariables() {
        String template = "{% for m in messages %}{% if loop.first %}[{% endif %}{{ loop.index0 }}={{ m['role'] + '/' + m.content }}"
                + "{% if loop.last %}]{% else %},{% endif %}{% endfor %}{{ messages[-1]['role'] ~ messages|length }}";
        assertThat(render(template, TWO)).isEqualTo("[0=user/a,1=assistant/b]assistant2");
    }

    // tools and documents are never passed, pad_token was not configured here.
    @Test
    void testsWhatIsDefined() {
        assertThat(render("{{ 'T' if tools is defined else 'no tools' }}|{% if not documents is defined %}no docs{% endif %}"
                + "|{% if bos_token is defined %}B{% endif %}|{% if pad_token is defined %}pad{% endif %}", TWO))
                .isEqualTo("no tools|no docs|B|");
    }

    @Test
    void namespaceCarriesStateOutOfALoop() {
        String template = "{% set ns = namespace(last_user=-1) %}{% for m in messages %}{% if m.role == 'user' %}"
                + "{% set ns.last_user = loop.index0 %}{% endif %}{% endfor %}{{ ns.last_user }}";
        assertThat(render(template, List.of(user("a"), assistant("b"), user("c"), assistant("d")))).isEqualTo("2");
    }

    // Python str methods, on "  Hello, World! \u00a0" (the no-break space is whitespace to Python).
    @Test
    void callsPythonStringMethods() {
        String template = "{% set c = messages[0].content %}[{{ c.strip() }}][{{ c|trim }}][{{ c.lstrip() }}][{{ c.rstrip() }}]"
                + "{% if c.strip().startswith('Hello') %}S{% endif %}{% if c.strip().endswith(('x', '!')) %}E{% endif %}"
                + "|{{ c.split(',')[1].strip() }}|{{ c.split()|length }}|{{ c.strip().upper() }}|{{ c.strip().lower() }}"
                + "|{{ c[2] }}{{ c.strip()[-1] }}|{{ 'a b'.title() }}|{{ '-'.join(['x', 'y']) }}|{{ c.strip(' !\u00a0') }}"
                + "|{{ 'a|b'.split('|')|length }}{{ 'a,,b'.split(',')|length }}|{{ 'a b  c'.split(' ', 1)[1] }}";
        assertThat(render(template, List.of(user("  Hello, World! \u00a0")))).isEqualTo("[Hello, World!][Hello, World!]"
                + "[Hello, World! \u00a0][  Hello, World!]SE|World!|2|HELLO, WORLD!|hello, world!|H!|A B|x-y|Hello, World|23|b  c");
    }

    // Jinja2 reads `not x in y` as `not (x in y)`; the Llama-2 template depends on it.
    @Test
    void negatesMembershipTheJinja2Way() {
        assertThat(render("{% if not '<<SYS>>' in messages[0]['content'] %}plain{% endif %}"
                + "{% if not 'a' in messages[0].content %}x{% else %}has{% endif %}{% if 'z' not in 'abc' %}!{% endif %}", TWO))
                .isEqualTo("plainhas!");
    }

    @Test
    void countsCodePointsLikePython() {
        assertThat(render("{{ messages[0].content|length }} {{ messages[0].content[0] }}", List.of(user("😀a한"))))
                .isEqualTo("3 😀");
    }

    @Test
    void raiseExceptionSurfacesTheTemplatesMessage() {
        String template = "{% if messages[0]['role'] != 'system' %}{{ raise_exception('a system message is required') }}{% endif %}ok";
        assertThat(render(template, List.of(system("s"), user("u")))).isEqualTo("ok");
        assertThatThrownBy(() -> render(template, TWO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a system message is required");
    }

    @Test
    void strftimeNowFormatsTodayPythonStyle() {
        LocalDate before = LocalDate.now();
        String today = render("{{ strftime_now('%Y-%m-%d') }}", TWO);
        assertThat(today).isIn(before.toString(), LocalDate.now().toString());
        assertThat(Strftime.format("%d %b %Y, %A %B %H:%M:%S %p %j %%", LocalDateTime.of(2026, 3, 5, 14, 7, 9)))
                .isEqualTo("05 Mar 2026, Thursday March 14:07:09 PM 064 %");
    }

    // Content is data: Jinja syntax, EL syntax or backslashes a user types must come out as typed.
    @Test
    void messageContentIsNeverInterpreted() {
        String typed = "{{ eos_token }} {% if x %} ${1+1} #{a} \\n \"q' {# c #}";
        assertThat(render("{{ messages[0]['content'] }}|{{ messages[0].content.strip() }}", List.of(user(typed))))
                .isEqualTo(typed + "|" + typed);
    }

    // Pinned so that a Jinjava upgrade which closes a gap is noticed (and the class comment updated):
    // Jinja2 prints True/False/None, resets a loop body's {% set %} each iteration, and repeats 'x' * 3.
    @Test
    void knownDifferencesFromJinja2AreAsDocumented() {
        assertThat(render("{{ messages|length > 1 }}|{{ none }}", TWO)).isEqualTo("true|"); // Jinja2: True|None
        assertThat(render("{% set s = 'a' %}{% for m in messages %}{% set s = s + 'b' %}{{ s }}{% endfor %}|{{ s }}", TWO))
                .isEqualTo("ababb|a"); // Jinja2: abab|a
        assertThatThrownBy(() -> render("{{ '-' * 3 }}", TWO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsupportedFeaturesFailWithAClearMessage() {
        JinjaChatTemplate zfill = new JinjaChatTemplate("z", "{{ messages[0].content.zfill(3) }}", Map.of());
        assertThatThrownBy(() -> zfill.render(TWO, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the z chat template failed: ").hasMessageContaining("zfill");
        assertThatThrownBy(() -> new JinjaChatTemplate("u", "{% for m in messages %}{{ m }}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the chat template does not parse: ");
    }

    @Test
    void readsTokenizerConfigIncludingNamedTemplatesAndAddedTokenObjects(@TempDir Path dir) throws Exception {
        assertThat(JinjaChatTemplate.fromTokenizerConfig(dir)).isEmpty();
        write(dir, "{\"eos_token\": \"</s>\"}");
        assertThat(JinjaChatTemplate.fromTokenizerConfig(dir)).isEmpty();

        write(dir, "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}, {\"name\": \"default\", "
                + "\"template\": \"D{{ bos_token }}{{ eos_token }}\"}], \"bos_token\": \"<s>\", "
                + "\"eos_token\": {\"__type\": \"AddedToken\", \"content\": \"<eos>\", \"lstrip\": false}}");
        JinjaChatTemplate t = JinjaChatTemplate.fromTokenizerConfig(dir).orElseThrow();
        assertThat(t.render(TWO, true)).isEqualTo("D<s><eos>");
        assertThat(t.stopStrings()).containsExactly("<eos>");

        write(dir, "{\"chat_template\": \"{{ messages|length }}\"}");
        assertThat(JinjaChatTemplate.fromTokenizerConfig(dir).orElseThrow().stopStrings()).isEmpty();
    }

    @Test
    void aBrokenConfigIsAOneLineModelFolderError(@TempDir Path dir) throws Exception {
        write(dir, "{\"chat_template\": \"x\",");
        assertThatThrownBy(() -> JinjaChatTemplate.fromTokenizerConfig(dir)).isInstanceOf(ModelFolderException.class)
                .hasMessageStartingWith(dir + ": tokenizer_config.json is not valid JSON: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        write(dir, "{\"chat_template\": \"{% if messages %}never closed\"}");
        assertThatThrownBy(() -> JinjaChatTemplate.fromTokenizerConfig(dir)).isInstanceOf(ModelFolderException.class)
                .hasMessageStartingWith(dir + ": tokenizer_config.json: the chat template does not parse: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        write(dir, "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}]}");
        assertThatThrownBy(() -> JinjaChatTemplate.fromTokenizerConfig(dir)).isInstanceOf(ModelFolderException.class)
                .hasMessage(dir + ": tokenizer_config.json lists chat templates but none named \"default\"");
    }

    private static void write(Path dir, String json) throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), json);
    }
}
