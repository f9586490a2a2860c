import type { RedactionRule } from '../types';
import { ipv4Valid, ipv6Valid, macValid } from '../validators/network';

const IP_WORDS = ['ip', 'address', 'host', 'server', 'client'];

export const networkRules: RedactionRule[] = [
	{
		id: 'ip-v4',
		entity: 'IP_ADDRESS',
		description: 'IPv4 dotted quad with octets 0–255.',
		pattern: /(?<![\w.:-])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g,
		keywords: IP_WORDS,
		validate: ipv4Valid,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['from 192.168.1.10.', '|106.31.73.20|', 'ip=10.0.0.1'],
			negative: ['256.1.1.1', '1.2.3', 'v1.2.3.4', '01.02.03.04'],
		},
	},
	{
		id: 'ip-v6',
		entity: 'IP_ADDRESS',
		description: 'IPv6 in every text form: full, compressed, ::, ::1, zone index, IPv4-mapped tail.',
		pattern: /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})?(?:%[A-Za-z0-9.]{1,16})?(?![\w:]|\.\d)/g,
		keywords: IP_WORDS,
		validate: ipv6Valid,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['2001:db8::1', 'bind ::1 only', 'addr ::', '::ffff:192.0.2.128', 'fe80::1%eth0', '6e40:4041:c617:e898:c11:40d2:c669:2eb4'],
			negative: ['12:30:45', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', 'std::vector'],
		},
	},
	{
		id: 'mac-address',
		entity: 'MAC_ADDRESS',
		description: 'MAC address: six hex pairs with : or -, or Cisco dotted 0000.0000.0000.',
		pattern:
			/(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])/g,
		keywords: ['mac', 'device', 'hardware'],
		validate: macValid,
		score: 0.8,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['mac 00:1A:2B:3C:4D:5E', '00-1a-2b-3c-4d-5e', '001a.2b3c.4d5e'],
			negative: ['00:00:00:00:00:00', '00:1A:2B:3C:4D', '00:1A-2B:3C:4D:5E'],
		},
	},
];
