// Real n8n round trips (and a wait timeout polled every 60 s) need far more than jest's 5 s default.
jest.setTimeout(180000);
