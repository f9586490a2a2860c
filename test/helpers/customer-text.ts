/** Shared by the queue load test and bench:overhead. */
/** ~900 characters of customer text with personal data in it, different per call. */
export function customerText(i: number): string {
	const base =
		`Ticket ${i}: Hello, this is Jane Doe writing about order ${100000 + i}. Please refund my card 4111 1111 1111 1111 ` +
		`and send the confirmation to jane.doe+${i}@example.com or call me on +44 20 7946 0958. My IBAN for the transfer is ` +
		`DE89 3704 0044 0532 0130 00. The parcel never arrived at 221B Baker Street; the courier said it was left with a ` +
		`neighbour, but nobody there has it. I have been a customer for six years and this is the first time something like ` +
		`this has happened. I attached the photos of the empty doorstep and the tracking page. I would prefer a refund over ` +
		`a replacement because I needed the item for a birthday that has now passed. `;
	let text = base;
	while (text.length < 880) text += 'Thank you for looking into this quickly, I appreciate your help with it. ';
	return text.slice(0, 900);
}
