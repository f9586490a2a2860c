export { luhnValid, luhnCheckDigit, creditCardValid } from './luhn';
export { ibanValid, ibanRefine, mod97, IBAN_LENGTHS } from './mod97';
export { verhoeffValid, verhoeffCheckDigit } from './verhoeff';
export { shannonEntropy } from './entropy';
export { ipv4Valid, ipv6Valid, macValid } from './network';
export { dateValid, dateTimeValid, monthDateValid, MONTH_NAMES } from './dates';
export { base58CheckValid, base58Decode, bech32Valid } from './crypto-address';
export * from './national-ids';
export * from './eu-national-ids';
