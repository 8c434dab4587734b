// Run by OpenAiClientTest with the official `openai` npm package: a streamed chat, an image question
// (a data: URL made from the file given), and the model list, printed as one JSON line.
const fs = require('fs');
const { OpenAI } = require('openai');
const [baseURL, imageFile] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'test-key', maxRetries: 0, timeout: 60000 });

(async () => {
  const stream = await client.chat.completions.create({
    model: 'probe', messages: [{ role: 'user', content: 'Hello?' }], max_tokens: 6, temperature: 0,
    stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let finish = null;
  let usage = null;
  for await (const chunk of stream) {
    if (chunk.choices.length && chunk.choices[0].delta.content) text += chunk.choices[0].delta.content;
    if (chunk.choices.length && chunk.choices[0].finish_reason) finish = chunk.choices[0].finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  const image = 'data:image/png;base64,' + fs.readFileSync(imageFile).toString('base64');
  const answer = await client.chat.completions.create({
    model: 'probe', max_tokens: 3, temperature: 0,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: image } }] }],
  });
  const models = await client.models.list();
  console.log(JSON.stringify({
    text, finish, completionTokens: usage && usage.completion_tokens,
    imageAnswer: answer.choices[0].message.content, imageVisualTokens: answer.usage.glimpse.ledger.visualTokens,
    models: models.data.map((m) => m.id),
  }));
})().catch((e) => { console.error(String(e)); process.exit(1); });
