export const examples = { actor: {}, articleActor: {}, recommendation: {}, quotation: {}, source: {}, article: {} };
