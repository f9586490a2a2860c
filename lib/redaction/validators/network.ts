/** Dotted-quad IPv4 with octets 0–255 and no leading zeros. */
export function ipv4Valid(text: string): boolean {
	let parts = 0;
	let len = 0;
	let value = 0;
	let lead = 0;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 46;
		if (c === 46) {
			if (++parts > 4 || len === 0 || len > 3 || (len > 1 && lead === 48) || value > 255) return false;
			len = 0;
			value = 0;
			continue;
		}
		if (c < 48 || c > 57) return false;
		if (len === 0) lead = c;
		len++;
		value = value * 10 + (c - 48);
	}
	return parts === 4;
}

function hexGroup(g: string): boolean {
	return /^[0-9A-Fa-f]{1,4}$/.test(g);
}

/** Any IPv6 text form: full, compressed (`::`, `::1`, `fe80::1`), with an embedded IPv4 tail. */
export function ipv6Valid(text: string): boolean {
	let s = text;
	const zone = s.indexOf('%');
	if (zone >= 0) s = s.slice(0, zone);
	let groupsNeeded = 8;
	const lastColon = s.lastIndexOf(':');
	if (lastColon < 0) return false;
	const tail = s.slice(lastColon + 1);
	if (tail.includes('.')) {
		if (!ipv4Valid(tail)) return false;
		s = s.slice(0, lastColon + 1) + '0:0';
	}
	const dbl = s.indexOf('::');
	if (dbl >= 0) {
		if (s.indexOf('::', dbl + 1) >= 0) return false;
		const left = s.slice(0, dbl);
		const right = s.slice(dbl + 2);
		const l = left === '' ? [] : left.split(':');
		const r = right === '' ? [] : right.split(':');
		if (!l.every(hexGroup) || !r.every(hexGroup)) return false;
		return l.length + r.length <= groupsNeeded - 1;
	}
	const groups = s.split(':');
	groupsNeeded = 8;
	return groups.length === groupsNeeded && groups.every(hexGroup);
}

/** MAC address: not all zeros, not broadcast-only noise like 00:00:00:00:00:00. */
export function macValid(text: string): boolean {
	const hex = text.replace(/[^0-9A-Fa-f]/g, '');
	return hex.length === 12 && !/^0+$/.test(hex);
}
