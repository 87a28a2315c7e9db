Console.WriteLine("scsfed");
