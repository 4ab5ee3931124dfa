// --post-js: the page's JavaScript API to the counting engine (the same core code as paramcount):
//   Module.countParameters(configText, {tensors, dtype, context, batch, training_tokens, accelerator,
//                                       utilisation, devices}) -> the JSON text `paramcount --json` prints.
//   Module.countParametersObject(...) -> the same, parsed.
// configText is a Hugging Face config.json, a preset file, or a preset id such as "llama-2-7b".
Module['countParameters'] = function (text, options) {
  return Module['ccall']('lpp_count_json', 'string', ['string', 'string'],
                         [String(text), JSON.stringify(options || {})]);
};
Module['countParametersObject'] = function (text, options) {
  return JSON.parse(Module['countParameters'](text, options));
};
